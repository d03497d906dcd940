output "instance_ids" {
  description = "Instance IDs, in instance order."
  value       = aws_instance.this[*].id
}

output "private_ips" {
  description = "Private IPv4 addresses, in instance order."
  value       = aws_instance.this[*].private_ip
}

output "availability_zones" {
  description = "Availability zone of each instance, in instance order."
  value       = aws_instance.this[*].availability_zone
}

output "launch_template_id" {
  description = "ID of the launch template the instances were launched from."
  value       = aws_launch_template.this.id
}

output "launch_template_latest_version" {
  description = "Latest version of the launch template (instances launched earlier keep theirs until replaced)."
  value       = aws_launch_template.this.latest_version
}
